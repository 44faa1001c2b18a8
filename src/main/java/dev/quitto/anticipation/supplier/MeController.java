package dev.quitto.anticipation.supplier;

import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.NoBusinessRole;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is here: its roles and its supplier; a user without SUPPLIER, OPERATOR or ADMIN gets 403. */
@RestController
class MeController {

    private final Users users;
    private final Suppliers suppliers;

    MeController(Users users, Suppliers suppliers) {
        this.users = users;
        this.suppliers = suppliers;
    }

    @GetMapping(Canonical.BASE + "/me")
    MeView me(CurrentUser caller) {
        if (!caller.may(Role.OPERATOR) && !caller.roles().contains(Role.SUPPLIER)) {
            throw new NoBusinessRole();
        }
        UserSummary user = users.find(caller.id()).orElseThrow(NoBusinessRole::new);
        List<String> roles = caller.roles().stream().filter(r -> r == Role.ADMIN || r == Role.OPERATOR || r == Role.SUPPLIER).sorted().map(Role::name).toList();
        return new MeView(user.id(), user.email(), user.firstName(), roles, suppliers.linkedTo(caller.id()).map(Supplier::id).orElse(null));
    }

    record MeView(long id, @Nullable String email, String firstName, List<String> roles, @Nullable Long supplierId) {
    }
}
