package dev.quitto.platform.security;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints that show who the caller is and check one role. */
@RestController
class RoleProbeController {

    static final String ME = "/api/v1/test-probe/me";
    static final String CLINIC_ONLY = "/api/v1/test-probe/clinic";

    @GetMapping(ME)
    CurrentUser me(CurrentUser user) {
        return user;
    }

    @GetMapping(CLINIC_ONLY)
    @PreAuthorize("hasRole('CLINIC')")
    CurrentUser clinicOnly(CurrentUser user) {
        return user;
    }
}
