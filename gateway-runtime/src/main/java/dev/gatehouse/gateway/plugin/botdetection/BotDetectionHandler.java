package dev.gatehouse.gateway.plugin.botdetection;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * bot-detection's access phase ({@code kong/plugins/bot-detection/handler.lua}): no {@code User-Agent} passes; more
 * than one is a 400 {@code Only one User-Agent header allowed}; otherwise the stripped agent is checked against
 * {@code allow} (passes), then {@code deny}, then the built-in patterns (both {@code kong.response.error(403)}, i.e.
 * {@code Forbidden}). Decisions are kept in an LRU cache of 10,000 agents per event loop, as Kong keeps one per
 * worker and configuration, so the proxy's threads never share (or lock) a cache.
 */
final class BotDetectionHandler implements PluginHandler {

    private static final int CACHE_SIZE = 10_000;

    private enum Decision {
        PASS,
        REFUSE
    }

    private final List<Pattern> allow;
    private final List<Pattern> deny;
    private final ThreadLocal<Map<String, Decision>> cache = ThreadLocal.withInitial(BotDetectionHandler::lru);

    BotDetectionHandler(List<Pattern> allow, List<Pattern> deny) {
        this.allow = allow;
        this.deny = deny;
    }

    private static Map<String, Decision> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    @Override
    public void access(PluginContext ctx) {
        List<String> agents = ctx.request().headerValues("user-agent");
        if (agents.isEmpty()) {
            return;
        }
        if (agents.size() > 1) {
            ctx.response().error(400, "Only one User-Agent header allowed", null);
            return;
        }
        String agent = agents.getFirst();
        Map<String, Decision> decisions = cache.get();
        Decision d = decisions.get(agent);
        if (d == null) {
            d = examine(agent.strip());
            decisions.put(agent, d);
        }
        if (d == Decision.REFUSE) {
            ctx.response().error(403, null, null);
        }
    }

    private Decision examine(String agent) {
        if (anyFinds(allow, agent)) {
            return Decision.PASS;
        }
        if (anyFinds(deny, agent) || KnownBots.matches(agent)) {
            return Decision.REFUSE;
        }
        return Decision.PASS;
    }

    private static boolean anyFinds(List<Pattern> patterns, String agent) {
        for (Pattern p : patterns) {
            if (p.matcher(agent).find()) {
                return true;
            }
        }
        return false;
    }
}
