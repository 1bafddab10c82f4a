package dev.gatehouse.gateway.plugin.botdetection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The User-Agent patterns bot-detection refuses when neither {@code allow} nor {@code deny} decided. This is
 * Gatehouse's own short list, written for this project: it aims at the same kinds of clients as Kong's built-in
 * rules (search-engine and social-preview crawlers, SEO and archiving crawlers, scraping tools, uptime probes and
 * scripted HTTP libraries) but it is not Kong's list (Kong's {@code rules.lua} is taken from uap-core and is neither
 * copied nor adapted here), so some agents Kong refuses pass here and the other way round. Like Kong's, it lets
 * {@code curl} and browsers through ({@code spec/03-plugins/21-bot-detection/01-access_spec.lua} expects 200 for
 * {@code curl/7.43.0}).
 */
final class KnownBots {

    private KnownBots() {}

    static final List<Pattern> PATTERNS = List.of(
            // a product token naming itself a bot, crawler, spider or scraper, followed by its version
            Pattern.compile("(?i)[a-z0-9_.-]*(?:bot|crawler|spider|scraper)[a-z0-9_.-]*/\\d"),
            // crawlers often point to their documentation with a "+http..." link in the comment
            Pattern.compile("(?i)[(;]\\s*\\+?https?://"),
            // link previews of social networks and messengers
            Pattern.compile("(?i)facebookexternalhit|facebookcatalog|whatsapp/|skypeuripreview|embedly"),
            // archiving and SEO crawlers whose names do not end in "bot"
            Pattern.compile("(?i)ia_archiver|heritrix|nutch|screaming frog|siteimprove|seokicks"),
            // uptime and page-speed probes
            Pattern.compile("(?i)pingdom|uptimerobot|statuscake|site24x7|gtmetrix|lighthouse|headlesschrome"),
            // scraping tools and scripted HTTP clients
            Pattern.compile("(?i)^(?:python-requests|python-urllib|python-httpx|aiohttp|scrapy|httrack|wget"
                    + "|go-http-client|libwww-perl|lwp-|node-fetch|got \\(|phantomjs|mechanize)"));

    static boolean matches(String userAgent) {
        for (Pattern p : PATTERNS) {
            if (p.matcher(userAgent).find()) {
                return true;
            }
        }
        return false;
    }
}
