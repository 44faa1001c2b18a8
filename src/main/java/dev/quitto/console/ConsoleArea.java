package dev.quitto.console;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;

/**
 * An area of the console as the navigation shows it: a bean per area, so a module's pages slot in by adding one
 * controller, one template folder and one of these.
 */
public interface ConsoleArea {

    /** The links of the area, in the order they appear. */
    List<Link> links();

    /** Areas are shown in ascending order. */
    int order();

    /**
     * A page in the navigation, shown to a caller who has one of {@code roles} (ADMIN sees everything).
     *
     * @param path the page's path, also the prefix that marks the link as current
     */
    record Link(String label, String path, Set<Role> roles) {

        public Link {
            roles = Set.copyOf(roles);
        }

        public boolean visibleTo(CurrentUser user) {
            return roles.stream().anyMatch(user::may);
        }
    }
}
