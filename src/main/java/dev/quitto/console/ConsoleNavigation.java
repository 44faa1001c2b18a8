package dev.quitto.console;

import dev.quitto.platform.security.CurrentUser;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Every registered area's links, in area order, narrowed to what the caller's roles may open. */
@Component
public class ConsoleNavigation {

    private final List<ConsoleArea> areas;

    ConsoleNavigation(List<ConsoleArea> areas) {
        this.areas = areas.stream().sorted(Comparator.comparingInt(ConsoleArea::order)).toList();
    }

    public List<ConsoleArea.Link> linksFor(CurrentUser user) {
        return areas.stream().flatMap(area -> area.links().stream()).filter(link -> link.visibleTo(user)).toList();
    }
}
