package dev.gatehouse.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Counted messages read as English for none, one and many (MessageFormat choices, no "route(s)"). */
class MessagesPluralsTest {

    private final Messages messages = new Messages(Locale.ENGLISH);

    @Test
    void routeCountsOnTheOverview() {
        assertThat(messages.get("overview.routes.all.protected", 0)).startsWith("No routes yet");
        assertThat(messages.get("overview.routes.all.protected", 1))
                .isEqualTo("The only route requires authentication.");
        assertThat(messages.get("overview.routes.all.protected", 1200))
                .isEqualTo("All 1,200 routes require authentication.");
        assertThat(messages.get("overview.routes.unprotected", 1))
                .startsWith("1 route has no authentication")
                .endsWith("call it.");
        assertThat(messages.get("overview.routes.unprotected", 3)).startsWith("3 routes have no authentication");
    }

    @Test
    void allowAllPoliciesAndBulkActions() {
        assertThat(messages.get("overview.mesh.allowall", "allow-all-default", 1))
                .contains("allow-all-default still allows every");
        assertThat(messages.get("overview.mesh.allowall", "a, b", 2)).contains("a, b still allow every");
        assertThat(messages.get("entity.deleted", 1, "route")).isEqualTo("Deleted 1 route.");
        assertThat(messages.get("entity.deleted", 12, "route")).isEqualTo("Deleted 12 routes.");
        assertThat(messages.get("entity.tags.title", 2, "service")).isEqualTo("Tags of 2 services");
        assertThat(messages.get("service.delete.routes", 1, "r1")).startsWith("Its route goes too: r1.");
        assertThat(messages.get("service.delete.routes", 2, "r1, r2")).startsWith("Its 2 routes go too: r1, r2.");
        assertThat(messages.get("consumer.delete.keys", 3)).startsWith("Its 3 API keys go too");
    }
}
