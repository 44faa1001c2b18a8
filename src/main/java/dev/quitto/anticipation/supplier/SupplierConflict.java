package dev.quitto.anticipation.supplier;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A duplicate CNPJ, or a user that may not be linked (already linked, an operator, inactive). */
public final class SupplierConflict extends Refusal {

    public SupplierConflict(String detail) {
        super(HttpStatus.CONFLICT, ProblemCodes.CONFLICT, detail);
    }
}
