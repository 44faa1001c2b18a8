package dev.quitto.platform.security;

/** What a caller may do. {@link #ADMIN} may do everything any other role may (a role hierarchy, not a check per endpoint). */
public enum Role {
    ADMIN, OPERATOR, SUPPLIER, AUDITOR, ERP, CLINIC, FINANCE;

    /** The Spring Security authority of this role, for {@code hasRole}/{@code hasAuthority} checks. */
    public String authority() {
        return "ROLE_" + name();
    }
}
