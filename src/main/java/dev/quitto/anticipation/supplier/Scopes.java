package dev.quitto.anticipation.supplier;

import dev.quitto.anticipation.web.NoBusinessRole;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import org.springframework.stereotype.Component;

/**
 * The caller's scope. A SUPPLIER linked to a supplier sees that supplier only; an OPERATOR (or ADMIN) sees all;
 * anyone else, an unlinked SUPPLIER included, may do nothing here (403).
 */
@Component
public class Scopes {

    private final SupplierRepository suppliers;

    Scopes(SupplierRepository suppliers) {
        this.suppliers = suppliers;
    }

    public Scope of(CurrentUser caller) {
        if (caller.roles().contains(Role.SUPPLIER)) {
            var supplier = suppliers.findIdByUser(caller.id());
            if (supplier.isPresent()) {
                return new Scope.OfSupplier(caller.id(), supplier.getAsLong());
            }
        }
        if (caller.may(Role.OPERATOR)) {
            return new Scope.OfOperator(caller.id());
        }
        throw new NoBusinessRole();
    }
}
