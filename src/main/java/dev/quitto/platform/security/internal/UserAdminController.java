package dev.quitto.platform.security.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** User administration for ADMIN (the security chain admits no one else to {@link #PATH}). */
@RestController
@RequestMapping(UserAdminController.PATH)
class UserAdminController {

    static final String PATH = "/api/v1/platform/users";

    private final UserAdministration users;

    UserAdminController(UserAdministration users) {
        this.users = users;
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody NewUserRequest request) {
        UserAccount created = users.create(request.username(), request.email(), request.firstName(), request.password(), roles(request.roles()));
        return ResponseEntity.created(URI.create(PATH + "/" + created.id())).body(UserView.of(created));
    }

    @GetMapping
    Paged<UserView> list(@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        PageQuery query = PageQuery.of(page, size);
        return Paged.of(users.list(query), query, users.count(), ServletUriComponentsBuilder.fromCurrentRequest()).map(UserView::of);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable long id) {
        return UserView.of(users.get(id));
    }

    @PutMapping("/{id}/roles")
    UserView replaceRoles(@PathVariable long id, @Valid @RequestBody RolesRequest request) {
        return UserView.of(users.replaceRoles(id, roles(request.roles())));
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable long id, @Valid @RequestBody UserPatch request) {
        return UserView.of(users.update(id, request.active(), request.firstName(), request.password()));
    }

    private static Set<Role> roles(List<Role> roles) {
        return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    record NewUserRequest(
            @Nullable @Pattern(regexp = "[a-z0-9._-]{1,150}", message = "must be 1 to 150 of a-z, 0-9, '.', '_' and '-'") String username,
            @Nullable @Email @Size(max = 254) String email,
            @NotNull @Size(max = 150) @JsonAlias("first_name") String firstName,
            @NotNull @Size(min = 8, max = 128) String password,
            @NotNull List<@NotNull Role> roles) {

        @JsonIgnore
        @AssertTrue(message = "username or email is required")
        boolean isUsernameOrEmail() {
            return username != null || email != null;
        }
    }

    record RolesRequest(@NotNull List<@NotNull Role> roles) {
    }

    /** Only what is given changes. */
    record UserPatch(@Nullable Boolean active,
                     @Nullable @Size(max = 150) @JsonAlias("first_name") String firstName,
                     @Nullable @Size(min = 8, max = 128) String password) {
    }

    /** A user as the API shows it: never the password or its hash. */
    record UserView(long id, @Nullable String username, @Nullable String email, String firstName, boolean active,
                    List<Role> roles, OffsetDateTime createdAt) {

        static UserView of(UserAccount account) {
            return new UserView(account.id(), account.username(), account.email(), account.firstName(), account.active(),
                    account.roles().stream().sorted().toList(),
                    BusinessTime.render(account.createdAt()));
        }
    }
}
