package dev.gatehouse.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import org.junit.jupiter.api.Test;

/**
 * Phase detection as Kong does it ({@code kong/runloop/plugins_iterator.lua} collects a plugin for a phase only
 * {@code if handler[phase]}): a handler runs in the phases its class defines, and in no other.
 */
class PlannedHandlerTest {

    private static final class HeaderFilterOnly implements PluginHandler {
        @Override
        public void headerFilter(PluginContext ctx) {}
    }

    private abstract static class AuthBase implements PluginHandler {
        @Override
        public void access(PluginContext ctx) {}

        @Override
        public boolean readsRequestBody() {
            return true;
        }
    }

    private static final class InheritsAccess extends AuthBase {}

    private static final class ReadsBodyWithoutAccess implements PluginHandler {
        @Override
        public boolean readsRequestBody() {
            return true;
        }
    }

    @Test
    void aHandlerHasExactlyThePhasesItsClassDefines() {
        assertThat(PlannedHandler.of(new HeaderFilterOnly()))
                .extracting(PlannedHandler::access, PlannedHandler::headerFilter, PlannedHandler::log)
                .containsExactly(false, true, false);
        PluginHandler logger = new PluginHandler() {
            @Override
            public void log(RequestLog log) {}
        };
        assertThat(PlannedHandler.of(logger))
                .extracting(PlannedHandler::access, PlannedHandler::headerFilter, PlannedHandler::log)
                .containsExactly(false, false, true);
        assertThat(PlannedHandler.of(new PluginHandler() {}))
                .extracting(PlannedHandler::access, PlannedHandler::headerFilter, PlannedHandler::log)
                .containsExactly(false, false, false);
    }

    @Test
    void aPhaseDefinedBySuperclassCounts() {
        PlannedHandler h = PlannedHandler.of(new InheritsAccess());
        assertThat(h.access()).isTrue();
        assertThat(h.headerFilter()).isFalse();
        assertThat(h.readsRequestBody()).isTrue();
    }

    @Test
    void theBodyFilterPhaseIsFoundLikeTheOthers() {
        PluginHandler bodyFilter = new PluginHandler() {
            @Override
            public byte[] bodyFilter(PluginContext ctx, byte[] body) {
                return body;
            }
        };
        assertThat(PlannedHandler.of(bodyFilter))
                .extracting(
                        PlannedHandler::access,
                        PlannedHandler::headerFilter,
                        PlannedHandler::bodyFilter,
                        PlannedHandler::log)
                .containsExactly(false, false, true, false);
        assertThat(PlannedHandler.of(new HeaderFilterOnly()).bodyFilter()).isFalse();
    }

    @Test
    void onlyTheAccessPhaseReadsTheBody() {
        assertThat(PlannedHandler.of(new ReadsBodyWithoutAccess()).readsRequestBody())
                .isFalse();
    }
}
