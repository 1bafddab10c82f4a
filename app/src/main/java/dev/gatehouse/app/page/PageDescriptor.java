package dev.gatehouse.app.page;

import dev.gatehouse.app.icon.AppIcon;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Everything the shell needs to know about a page without opening it: identity, icon, navigation group, Ctrl+digit
 * shortcut, the capabilities it needs (at least one of them must answer; none means it works without a
 * connection), and, for a page not built yet, what to use instead.
 */
public record PageDescriptor(
        PageId id,
        AppIcon icon,
        NavGroup group,
        OptionalInt shortcut,
        Set<Capability> needs,
        Optional<PlannedPage> planned) {

    public PageDescriptor {
        needs = Set.copyOf(needs);
        shortcut.ifPresent(digit -> {
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("a shortcut is Ctrl+0 to Ctrl+9, not " + digit);
            }
        });
    }

    public String titleKey() {
        return "page." + id.value() + ".title";
    }

    public String subtitleKey() {
        return "page." + id.value() + ".subtitle";
    }

    /** Heading of a built page's empty state. */
    public String emptyHeadingKey() {
        return "page." + id.value() + ".empty.heading";
    }

    /** Body of a built page's empty state. */
    public String emptyBodyKey() {
        return "page." + id.value() + ".empty.body";
    }

    /** What a page not built yet will do, and what to do until then. */
    public String plannedKey() {
        return "page." + id.value() + ".planned";
    }

    public boolean isPlanned() {
        return planned.isPresent();
    }
}
