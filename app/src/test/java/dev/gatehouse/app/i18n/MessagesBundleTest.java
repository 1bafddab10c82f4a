package dev.gatehouse.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.PageCatalog;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.page.HealthText;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.pages.connections.ConnectionsViewModel;
import dev.gatehouse.app.theme.AppTheme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps messages.properties and the code in step (JabRef's LocalizationConsistencyTest idea): every key the code
 * uses exists, and every key in the bundle is used. Keys are found as string literals in main sources, plus the
 * keys derived from enums through the methods the code itself calls.
 */
class MessagesBundleTest {

    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\"");

    private static Set<String> bundleKeys;
    private static Set<String> usedKeys;

    @BeforeAll
    static void collect() throws IOException {
        Properties bundle = new Properties();
        try (InputStream in =
                MessagesBundleTest.class.getResourceAsStream("/" + Messages.BUNDLE.replace('.', '/') + ".properties")) {
            bundle.load(in);
        }
        bundleKeys = bundle.stringPropertyNames();

        usedKeys = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = KEY_LITERAL.matcher(Files.readString(source));
                while (matcher.find()) {
                    if (bundleKeys.contains(matcher.group(1)) || looksLikeMessageKey(matcher.group(1))) {
                        usedKeys.add(matcher.group(1));
                    }
                }
            }
        }
        for (PageModule<?> module : PageCatalog.modules()) {
            PageDescriptor page = module.descriptor();
            usedKeys.addAll(Set.of(page.titleKey(), page.subtitleKey()));
            usedKeys.addAll(
                    page.isPlanned() ? Set.of(page.plannedKey()) : Set.of(page.emptyHeadingKey(), page.emptyBodyKey()));
            if (page.group().hasHeading()) {
                usedKeys.add(page.group().messageKey());
            }
        }
        for (ConnectionProblem problem : ConnectionProblem.values()) {
            usedKeys.add(HealthText.problemKey(problem));
            usedKeys.add(HealthText.testFailureKey(problem));
        }
        for (AppTheme theme : AppTheme.values()) {
            usedKeys.add(theme.messageKey());
        }
        for (ConnectionKind kind : ConnectionKind.values()) {
            usedKeys.add(ConnectionsViewModel.kindKey(kind));
        }
    }

    /** Literals such as "dev.gatehouse.ui.i18n.messages" or file names are not keys; keys have known prefixes. */
    private static boolean looksLikeMessageKey(String literal) {
        return Stream.of(
                        "app.",
                        "window.",
                        "nav.",
                        "topbar.",
                        "status.",
                        "command.",
                        "palette.",
                        "action.",
                        "health.",
                        "requirement.",
                        "connection.",
                        "page.",
                        "theme.",
                        "form.",
                        "entity.",
                        "column.",
                        "noun.",
                        "service.",
                        "route.",
                        "tester.",
                        "consumer.",
                        "credentials.",
                        "plugin.",
                        "tags.",
                        "meshpolicy.")
                .anyMatch(literal::startsWith);
    }

    @Test
    void everyKeyTheCodeUsesExists() {
        Set<String> missing = new TreeSet<>(usedKeys);
        missing.removeAll(bundleKeys);
        assertThat(missing)
                .as("keys used in code but missing from messages.properties")
                .isEmpty();
    }

    @Test
    void everyKeyInTheBundleIsUsed() {
        Set<String> unused = new TreeSet<>(bundleKeys);
        unused.removeAll(usedKeys);
        assertThat(unused).as("keys in messages.properties that no code uses").isEmpty();
    }

    @Test
    void patternsWithArgumentsHaveNoLoneApostrophes() {
        Properties bundle = new Properties();
        try (InputStream in =
                MessagesBundleTest.class.getResourceAsStream("/" + Messages.BUNDLE.replace('.', '/') + ".properties")) {
            bundle.load(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (String key : bundle.stringPropertyNames()) {
            String value = bundle.getProperty(key);
            if (value.contains("{0}")) {
                assertThat(value.replace("''", "")).as(key).doesNotContain("'");
            }
        }
    }
}
