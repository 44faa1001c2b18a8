package dev.quitto.cashback;

import dev.quitto.platform.security.CurrentUser;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's and the challenge's contract, verbatim (cashback.md 2): {@code POST /api/cashback}, {@code POST /api/cashbacks/},
 * {@code GET /api/cashbacks/} and {@code GET /api/cashbacks/{id}/}, each with and without its trailing slash, in the seed's shape.
 */
@RestController
class CashbackSeedController {

    static final int MAX_LIST = 1000;

    private final SaleIntake intake;
    private final Sales sales;

    CashbackSeedController(SaleIntake intake, Sales sales) {
        this.intake = intake;
        this.sales = sales;
    }

    @PostMapping({"/api/cashback", "/api/cashback/", "/api/cashbacks/", "/api/cashbacks"})
    @PreAuthorize("hasRole('ERP')")
    ResponseEntity<Views.SeedSale> create(CurrentUser caller, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                          @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                          @RequestBody(required = false) @Nullable String body, jakarta.servlet.http.HttpServletRequest request) {
        Sales.Accepted accepted = intake.accept(caller, request.getRequestURI(), contentType, key, body);
        Views.SeedSale view = Views.SeedSale.of(accepted.sale());
        return accepted.created()
                ? ResponseEntity.created(URI.create("/api/cashbacks/" + accepted.sale().id() + "/")).body(view)
                : ResponseEntity.status(HttpStatus.OK).body(view);
    }

    @GetMapping({"/api/cashbacks/", "/api/cashbacks"})
    @PreAuthorize("hasAnyRole('ERP', 'AUDITOR')")
    List<Views.SeedSale> list(CurrentUser caller, @RequestParam(required = false) @Nullable String page,
                              @RequestParam(required = false) @Nullable String size) {
        int pageNo = CashbackController.intParam("page", page, 1, 1, Integer.MAX_VALUE);
        int pageSize = CashbackController.intParam("size", size, MAX_LIST, 1, MAX_LIST);
        return sales.list(caller, SaleFilter.ALL, pageSize, (long) (pageNo - 1) * pageSize).stream().map(Views.SeedSale::of).toList();
    }

    @GetMapping({"/api/cashbacks/{id}/", "/api/cashbacks/{id}"})
    @PreAuthorize("hasAnyRole('ERP', 'AUDITOR')")
    Views.SeedSale get(CurrentUser caller, @PathVariable String id) {
        return Views.SeedSale.of(sales.get(caller, InvalidSaleId.parse(id)));
    }
}
