package dev.quitto.anticipation.supplier;

import dev.quitto.anticipation.web.NotFound;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.Slice;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading suppliers in the caller's scope, and their administration (ADMIN): creation, renaming, link rules. */
@Service
public class Suppliers {

    private final SupplierRepository suppliers;
    private final Scopes scopes;
    private final Users users;
    private final Clock clock;

    Suppliers(SupplierRepository suppliers, Scopes scopes, Users users, Clock clock) {
        this.suppliers = suppliers;
        this.scopes = scopes;
        this.users = users;
        this.clock = clock;
    }

    /** A supplier by id, whoever asks: for the module's own use (e-mails, existence checks). */
    @Transactional(readOnly = true)
    public Optional<Supplier> find(long id) {
        return suppliers.findById(id);
    }

    @Transactional(readOnly = true)
    public boolean exists(long id) {
        return suppliers.exists(id);
    }

    @Transactional(readOnly = true)
    public Optional<Supplier> linkedTo(long userId) {
        var id = suppliers.findIdByUser(userId);
        return id.isPresent() ? suppliers.findById(id.getAsLong()) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public Slice<Supplier> list(CurrentUser caller, @Nullable String q, PageSpec page) {
        Scope scope = scopes.of(caller);
        String prefix = q == null || q.isBlank() ? null : q.trim().replace("%", "").replace("_", "");
        long total = suppliers.count(prefix, scope.supplierId());
        return new Slice<>(suppliers.find(prefix, scope.supplierId(), page.size(), page.offset(total)), page.page(total), total);
    }

    @Transactional(readOnly = true)
    public Supplier get(CurrentUser caller, long id) {
        Scope scope = scopes.of(caller);
        if (scope.supplierId() != null && scope.supplierId() != id) {
            throw new NotFound();
        }
        return suppliers.findById(id).orElseThrow(NotFound::new);
    }

    /** Links a new supplier to an active user that is neither an operator nor linked already, and makes it a SUPPLIER. */
    @Transactional
    public Supplier create(String corporateName, String cnpj, long userId) {
        Names names = validate(corporateName, cnpj, true);
        UserSummary user = users.find(userId).orElseThrow(() -> new InvalidInput("userId", "Invalid pk \"" + userId + "\" - object does not exist.", "does-not-exist"));
        if (!user.active()) {
            throw new SupplierConflict("An inactive user cannot be linked to a supplier.");
        }
        if (user.roles().contains(Role.OPERATOR) || user.roles().contains(Role.ADMIN)) {
            throw new SupplierConflict("An operator cannot be linked to a supplier.");
        }
        Supplier supplier = suppliers.insert(userId, names.corporateName(), names.cnpj(), clock.instant());
        if (!user.roles().contains(Role.SUPPLIER)) {
            var roles = new java.util.HashSet<>(user.roles());
            roles.add(Role.SUPPLIER);
            users.replaceRoles(userId, roles);
        }
        return supplier;
    }

    @Transactional
    public Supplier update(long id, @Nullable String corporateName, @Nullable String cnpj) {
        Names names = validate(corporateName, cnpj, false);
        return suppliers.update(id, names.corporateName(), names.cnpj()).orElseThrow(NotFound::new);
    }

    private static Names validate(@Nullable String corporateName, @Nullable String cnpj, boolean required) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = corporateName == null ? null : corporateName.trim();
        if (name == null ? required : name.isEmpty() || name.length() > 128) {
            violations.add(new FieldViolation("corporateName", "must be 1 to 128 characters", "size"));
        }
        String normalized = null;
        if (cnpj == null) {
            if (required) {
                violations.add(new FieldViolation("cnpj", "is required", "required"));
            }
        } else {
            Optional<Cnpj> parsed = Cnpj.parse(cnpj);
            if (parsed.isEmpty()) {
                violations.add(new FieldViolation("cnpj", "is not a valid CNPJ", "cnpj"));
            } else {
                normalized = parsed.get().value();
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new Names(name, normalized);
    }

    private record Names(@Nullable String corporateName, @Nullable String cnpj) {
    }
}
