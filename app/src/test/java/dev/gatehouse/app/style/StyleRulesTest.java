package dev.gatehouse.app.style;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.theme.AppTheme;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Colours come only from AtlantaFX's looked-up colours, so every theme (light, dark, later ones) just works. */
class StyleRulesTest {

    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{3,8}\\b");
    private static final Pattern COLOR_CALL = Pattern.compile("Color\\.(web|rgb|hsb|color|valueOf)\\(");
    private static final Pattern CSS_COLOR_FUNCTION = Pattern.compile("\\brgba?\\(|\\bhsla?\\(");
    private static final Pattern LOOKED_UP = Pattern.compile("-color-[a-z0-9-]+");
    private static final Pattern BLOCK = Pattern.compile("([^{}]+)\\{([^{}]*)}");

    private static String appCss() throws IOException {
        try (InputStream in = StyleRulesTest.class.getResourceAsStream("/dev/gatehouse/ui/css/gatehouse.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void appCodeHardCodesNoColour() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            // The demo workloads are data, not UI: Kuma's demo answers /version with its colour "#efefef".
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/sandbox/demo/"))
                    .toList()) {
                String code = Files.readString(source);
                if (HEX.matcher(code).find() || COLOR_CALL.matcher(code).find()) {
                    offences.add(source.toString());
                }
            }
        }
        assertThat(offences).as("Java sources with hard-coded colours").isEmpty();
    }

    /** JavaFX logs a parse error and silently drops every rule after it; a merge once left a rule unclosed. */
    @Test
    void appStylesheetParsesWithoutErrors() throws IOException {
        javafx.collections.ObservableList<javafx.css.CssParser.ParseError> errors =
                javafx.css.CssParser.errorsProperty();
        errors.clear();
        javafx.css.Stylesheet sheet = new javafx.css.CssParser()
                .parse(StyleRulesTest.class.getResource("/dev/gatehouse/ui/css/gatehouse.css"));
        assertThat(errors.stream().map(Object::toString).toList())
                .as("parse errors in gatehouse.css")
                .isEmpty();
        assertThat(sheet.getRules()).isNotEmpty();
    }

    @Test
    void appStylesheetUsesOnlyLookedUpColours() throws IOException {
        String css = appCss().replaceAll("(?s)/\\*.*?\\*/", "");
        assertThat(HEX.matcher(css).find()).as("hex colour in gatehouse.css").isFalse();
        assertThat(CSS_COLOR_FUNCTION.matcher(css).find())
                .as("rgb()/hsl() in gatehouse.css")
                .isFalse();
    }

    @Test
    void everyLookedUpColourIsDefinedAtTheRootOfEveryTheme() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher matcher = LOOKED_UP.matcher(appCss());
        while (matcher.find()) {
            used.add(matcher.group());
        }
        assertThat(used).isNotEmpty();
        for (AppTheme theme : AppTheme.values()) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(rootColours(theme));
            assertThat(missing)
                    .as("colours used by gatehouse.css but not defined in .root of " + theme)
                    .isEmpty();
        }
    }

    /** The looked-up colours a theme defines on {@code .root}, i.e. visible to every node. */
    private static Set<String> rootColours(AppTheme theme) throws IOException {
        String sheet = theme.userAgentStylesheet();
        URL url = sheet.contains(":")
                ? URI.create(sheet).toURL()
                : StyleRulesTest.class.getResource("/" + sheet.replaceFirst("^/", ""));
        String css;
        try (InputStream in = url.openStream()) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> defined = new TreeSet<>();
        Matcher block = BLOCK.matcher(css);
        while (block.find()) {
            if (block.group(1).strip().equals(".root")) {
                Matcher definition = Pattern.compile("(-color-[a-z0-9-]+)\\s*:").matcher(block.group(2));
                while (definition.find()) {
                    defined.add(definition.group(1));
                }
            }
        }
        return defined;
    }
}
