package dev.quitto.anticipation.supplier;

import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.Refusal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The module's user administration (ADMIN), in the spec's terms ({@code operator} and {@code admin} flags) over the
 * platform's users; a supplier's user never becomes an operator.
 */
@RestController
@RequestMapping(Canonical.BASE + "/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class SupplierUserAdminController {

    private final Users users;
    private final Suppliers suppliers;

    SupplierUserAdminController(Users users, Suppliers suppliers) {
        this.users = users;
        this.suppliers = suppliers;
    }

    @GetMapping
    Paged<UserView> list(@RequestParam(required = false) @Nullable String email, @RequestParam(required = false) @Nullable String role,
                         @RequestParam(required = false) @Nullable Boolean active,
                         @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        Role parsed = null;
        if (role != null) {
            parsed = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.SUPPLIER).stream().filter(r -> r.name().equals(role.toUpperCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new InvalidInput("role", "must be ADMIN, OPERATOR or SUPPLIER", "invalid-value"));
        }
        Users.UserFilter filter = new Users.UserFilter(SupplierController.queryText(email, "email"), parsed, active);
        PageSpec.Canonical spec = PageSpec.Canonical.of(page, size);
        PageQuery query = new PageQuery(spec.query().page(), spec.size());
        List<UserView> items = users.list(filter, query).stream().map(this::view).toList();
        return Paged.of(items, query, users.count(filter), org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable String id) {
        long userId = PathIds.parse(id);
        return view(users.find(userId).orElseThrow(dev.quitto.anticipation.web.NotFound::new));
    }

    @PostMapping
    @Transactional
    ResponseEntity<UserView> create(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                    @RequestBody(required = false) @Nullable String body) {
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, Set.of("email", "firstName", "password", "operator", "admin")));
        String email = SupplierController.text(json, "email", true, violations);
        String firstName = SupplierController.text(json, "firstName", false, violations);
        String password = SupplierController.text(json, "password", true, violations);
        boolean operator = flag(json, "operator", violations);
        boolean admin = flag(json, "admin", violations);
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
            violations.add(new FieldViolation("email", "must be an e-mail address of at most 254 characters", "email"));
        }
        if (firstName != null && firstName.length() > 150) {
            violations.add(new FieldViolation("firstName", "must be at most 150 characters", "size"));
        }
        if (password != null && (password.length() < 8 || password.length() > 128)) {
            violations.add(new FieldViolation("password", "must be 8 to 128 characters", "size"));
        }
        if (!violations.isEmpty() || email == null || password == null) {
            throw new InvalidInput(violations);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (operator) {
            roles.add(Role.OPERATOR);
        }
        if (admin) {
            roles.add(Role.ADMIN);
        }
        UserSummary created;
        try {
            created = users.create(email, firstName == null ? "" : firstName, password, roles);
        } catch (Refusal refusal) {
            throw refusal.status() == HttpStatus.CONFLICT ? new SupplierConflict(String.valueOf(refusal.getMessage())) : refusal;
        }
        return ResponseEntity.created(URI.create(Canonical.BASE + "/admin/users/" + created.id())).body(view(created));
    }

    @PatchMapping("/{id}")
    @Transactional
    UserView update(@PathVariable String id, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                    @RequestBody(required = false) @Nullable String body) {
        long userId = PathIds.parse(id);
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, Set.of("firstName", "password", "operator", "admin", "active")));
        String firstName = SupplierController.text(json, "firstName", false, violations);
        String password = SupplierController.text(json, "password", false, violations);
        Boolean active = json.has("active") ? flag(json, "active", violations) : null;
        if (password != null && (password.length() < 8 || password.length() > 128)) {
            violations.add(new FieldViolation("password", "must be 8 to 128 characters", "size"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        UserSummary user = users.find(userId).orElseThrow(dev.quitto.anticipation.web.NotFound::new);
        if (json.has("operator") || json.has("admin")) {
            Set<Role> roles = user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles());
            setRole(roles, Role.OPERATOR, json, "operator", violations);
            setRole(roles, Role.ADMIN, json, "admin", violations);
            boolean linked = suppliers.linkedTo(userId).isPresent();
            if (linked && (roles.contains(Role.OPERATOR) || roles.contains(Role.ADMIN))) {
                throw new SupplierConflict("A supplier's user cannot be an operator.");
            }
            users.replaceRoles(userId, roles);
        }
        return view(users.update(userId, active, firstName, password));
    }

    private static void setRole(Set<Role> roles, Role role, ObjectNode json, String name, List<FieldViolation> violations) {
        if (json.has(name)) {
            if (flag(json, name, violations)) {
                roles.add(role);
            } else {
                roles.remove(role);
            }
        }
    }

    private static boolean flag(ObjectNode json, String name, List<FieldViolation> violations) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            violations.add(new FieldViolation(name, "must be true or false", "wrong-type"));
            return false;
        }
        return node.asBoolean();
    }

    private UserView view(UserSummary user) {
        return new UserView(user.id(), user.email(), user.firstName(), user.active(), user.roles().contains(Role.OPERATOR),
                user.roles().contains(Role.ADMIN), user.roles().stream().sorted().map(Role::name).toList(),
                suppliers.linkedTo(user.id()).map(Supplier::id).orElse(null), BusinessTime.render(user.createdAt()));
    }

    /** A user as the API shows it: never the password or its hash. */
    record UserView(long id, @Nullable String email, String firstName, boolean active, boolean operator, boolean admin, List<String> roles,
                    @Nullable Long supplierId, OffsetDateTime createdAt) {
    }
}
