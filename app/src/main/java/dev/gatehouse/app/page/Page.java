package dev.gatehouse.app.page;

import dev.gatehouse.app.icon.AppIcon;
import java.util.Optional;

/** Every page of the console, in navigation order. Message keys derive from {@link #id()}. */
public enum Page {
    OVERVIEW("overview", NavSection.NONE, AppIcon.OVERVIEW, Requirement.ANY),
    SERVICES("services", NavSection.GATEWAY, AppIcon.SERVICE, Requirement.GATEWAY),
    ROUTES("routes", NavSection.GATEWAY, AppIcon.ROUTE, Requirement.GATEWAY),
    CONSUMERS("consumers", NavSection.GATEWAY, AppIcon.CONSUMER, Requirement.GATEWAY),
    PLUGINS("plugins", NavSection.GATEWAY, AppIcon.PLUGIN, Requirement.GATEWAY),
    TOPOLOGY("topology", NavSection.MESH, AppIcon.TOPOLOGY, Requirement.MESH),
    POLICIES("policies", NavSection.MESH, AppIcon.POLICY, Requirement.MESH),
    DATAPLANES("dataplanes", NavSection.MESH, AppIcon.DATAPLANE, Requirement.MESH),
    TRAFFIC("traffic", NavSection.NONE, AppIcon.TRAFFIC, Requirement.ANY),
    EXPORT("export", NavSection.NONE, AppIcon.EXPORT, Requirement.ANY),
    CONNECTIONS("connections", NavSection.NONE, AppIcon.CONNECTION, Requirement.NONE);

    private final String id;
    private final NavSection section;
    private final AppIcon icon;
    private final Requirement requirement;

    Page(String id, NavSection section, AppIcon icon, Requirement requirement) {
        this.id = id;
        this.section = section;
        this.icon = icon;
        this.requirement = requirement;
    }

    public String id() {
        return id;
    }

    public NavSection section() {
        return section;
    }

    public AppIcon icon() {
        return icon;
    }

    public Requirement requirement() {
        return requirement;
    }

    public String titleKey() {
        return "page." + id + ".title";
    }

    public String subtitleKey() {
        return "page." + id + ".subtitle";
    }

    public String emptyHeadingKey() {
        return "page." + id + ".empty.heading";
    }

    public String emptyBodyKey() {
        return "page." + id + ".empty.body";
    }

    /** The digit of its Ctrl+digit shortcut: the first nine pages get 1..9, Connections gets 0. */
    public Optional<Integer> shortcutDigit() {
        if (this == CONNECTIONS) {
            return Optional.of(0);
        }
        return ordinal() < 9 ? Optional.of(ordinal() + 1) : Optional.empty();
    }

    /** The page whose shortcut is Ctrl+{@code digit}. */
    public static Optional<Page> forShortcutDigit(int digit) {
        for (Page page : values()) {
            if (page.shortcutDigit().equals(Optional.of(digit))) {
                return Optional.of(page);
            }
        }
        return Optional.empty();
    }
}
