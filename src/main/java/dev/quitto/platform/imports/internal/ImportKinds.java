package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The kinds this instance knows: every {@link ImportKind} bean, by name. An instance only works on kinds it knows. */
@Component
public class ImportKinds {

    private final Map<String, ImportKind> byName = new LinkedHashMap<>();

    ImportKinds(ObjectProvider<ImportKind> kinds) {
        for (ImportKind kind : kinds.orderedStream().toList()) {
            ImportKind previous = byName.putIfAbsent(kind.name(), kind);
            if (previous != null) {
                throw new IllegalStateException("Two import kinds are named " + kind.name() + ": "
                        + previous.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
    }

    Optional<ImportKind> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Set<String> names() {
        return byName.keySet();
    }
}
