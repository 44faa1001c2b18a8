package dev.quitto.console;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session outlives nothing the account no longer allows: on every console request the signed-in user is read
 * again, a deactivated or deleted account is signed out, and changed roles apply at once (as the API's HTTP Basic does).
 */
final class ConsoleSessionRefresh extends OncePerRequestFilter {

    private final Users users;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    ConsoleSessionRefresh(Users users) {
        this.users = users;
    }

    /** Static assets need no fresh account: no database round trip for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/webjars/") || path.startsWith("/console/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            Optional<UserSummary> account = users.find(user.id()).filter(UserSummary::active);
            if (account.isEmpty()) {
                contexts.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else if (!account.get().roles().equals(user.roles())) {
                CurrentUser refreshed = new CurrentUser(user.id(), user.login(), account.get().roles());
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(refreshed, null,
                        refreshed.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList()));
                contexts.setContext(context);
                repository.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }
}
