package dev.gatehouse.app.page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's pages in navigation order. Navigation, the palette's page entries, the Ctrl+digit shortcuts and
 * the empty states are all derived from it; it refuses two pages with one id or one shortcut.
 */
public final class PageRegistry {

    private final List<PageModule<?>> modules;
    private final Map<PageId, PageDescriptor> byId = new LinkedHashMap<>();

    public PageRegistry(List<? extends PageModule<?>> modules) {
        this.modules = List.copyOf(modules);
        Set<Integer> shortcuts = new HashSet<>();
        for (PageModule<?> module : this.modules) {
            PageDescriptor page = module.descriptor();
            if (byId.putIfAbsent(page.id(), page) != null) {
                throw new IllegalArgumentException("two pages have the id " + page.id());
            }
            page.shortcut().ifPresent(digit -> {
                if (!shortcuts.add(digit)) {
                    throw new IllegalArgumentException("two pages have the shortcut Ctrl+" + digit);
                }
            });
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("the console needs at least one page");
        }
    }

    public List<PageModule<?>> modules() {
        return modules;
    }

    /** Every page, in navigation order. */
    public List<PageDescriptor> pages() {
        return new ArrayList<>(byId.values());
    }

    /** The page the console opens on: the first one. */
    public PageDescriptor first() {
        return byId.values().iterator().next();
    }

    public PageDescriptor get(PageId id) {
        PageDescriptor page = byId.get(id);
        if (page == null) {
            throw new IllegalArgumentException("no page " + id);
        }
        return page;
    }

    /** The page bound to Ctrl+{@code digit}, if any. */
    public Optional<PageDescriptor> forShortcut(int digit) {
        return byId.values().stream()
                .filter(p -> p.shortcut().isPresent() && p.shortcut().getAsInt() == digit)
                .findFirst();
    }
}
