package dev.gatehouse.app.theme;

import java.util.Objects;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Scene;

/** Applies the preferred theme to the application and keeps it applied when the preference changes. */
public final class ThemeApplier {

    /** The console's own sheet, on top of AtlantaFX; it uses only AtlantaFX looked-up colours. */
    public static final String APP_STYLESHEET = Objects.requireNonNull(
                    ThemeApplier.class.getResource("/dev/gatehouse/ui/css/gatehouse.css"), "gatehouse.css")
            .toExternalForm();

    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");

    private ThemeApplier() {}

    /** Styles {@code scene} with the current theme now and on every later change. Call on the FX thread. */
    public static void bind(ThemePreference preference, Scene scene) {
        scene.getStylesheets().add(APP_STYLESHEET);
        apply(preference.theme(), scene);
        preference.themeProperty().addListener((obs, old, now) -> apply(now, scene));
    }

    private static void apply(AppTheme theme, Scene scene) {
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
        if (scene.getRoot() != null) {
            scene.getRoot().pseudoClassStateChanged(DARK, theme.isDark());
        }
    }
}
