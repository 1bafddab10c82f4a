package dev.gatehouse.app.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.app.PageCatalog;
import dev.gatehouse.app.icon.AppIcon;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageRegistryTest {

    private final PageRegistry catalog = new PageRegistry(PageCatalog.modules());

    /** The navigation order and the Ctrl+digit keys the README documents. */
    @Test
    void theCatalogueKeepsTheDocumentedOrderAndShortcuts() {
        assertThat(catalog.pages())
                .extracting(p -> p.id().value())
                .containsExactly(
                        "overview",
                        "services",
                        "routes",
                        "consumers",
                        "plugins",
                        "upstreams",
                        "certificates",
                        "ca-certificates",
                        "topology",
                        "policies",
                        "dataplanes",
                        "meshes",
                        "traffic",
                        "export",
                        "connections");
        List<String> byDigit = List.of(
                "connections",
                "overview",
                "services",
                "routes",
                "consumers",
                "plugins",
                "topology",
                "policies",
                "dataplanes",
                "traffic");
        for (int digit = 0; digit <= 9; digit++) {
            assertThat(catalog.forShortcut(digit)).map(p -> p.id().value()).contains(byDigit.get(digit));
        }
        assertThat(catalog.get(new PageId("export")).shortcut()).isEmpty();
        assertThat(catalog.get(new PageId("meshes")).shortcut()).isEmpty();
        // The gateway pages of issue 19 have no digit: Ctrl+1 to Ctrl+9 keep the pages people already know.
        assertThat(catalog.get(new PageId("upstreams")).shortcut()).isEmpty();
        assertThat(catalog.get(new PageId("certificates")).shortcut()).isEmpty();
        assertThat(catalog.get(new PageId("ca-certificates")).shortcut()).isEmpty();
        assertThat(catalog.first().id().value()).isEqualTo("overview");
    }

    @Test
    void everyPageOfTheCatalogIsBuilt() {
        // Export was the last planned page (issue 16 built it); a planned page still works (see page(...) below).
        assertThat(catalog.pages())
                .filteredOn(PageDescriptor::isPlanned)
                .extracting(p -> p.id().value())
                .isEmpty();
    }

    private static PageModule<PlannedPageViewModel> page(String id, OptionalInt shortcut) {
        PageDescriptor descriptor = new PageDescriptor(
                new PageId(id),
                AppIcon.OVERVIEW,
                NavGroup.NONE,
                shortcut,
                Set.of(),
                Optional.of(new PlannedPage("curl {gateway}", new PageId(id))));
        return new PlannedPageModule() {
            @Override
            public PageDescriptor descriptor() {
                return descriptor;
            }
        };
    }

    @Test
    void twoPagesWithOneIdOrOneShortcutAreRefused() {
        assertThatThrownBy(
                        () -> new PageRegistry(List.of(page("a", OptionalInt.empty()), page("a", OptionalInt.empty()))))
                .hasMessage("two pages have the id a");
        assertThatThrownBy(() -> new PageRegistry(List.of(page("a", OptionalInt.of(3)), page("b", OptionalInt.of(3)))))
                .hasMessage("two pages have the shortcut Ctrl+3");
        assertThatThrownBy(() -> new PageRegistry(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
