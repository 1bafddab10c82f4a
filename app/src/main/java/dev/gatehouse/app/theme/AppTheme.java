package dev.gatehouse.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;

/** The console's themes: AtlantaFX Primer, light and dark. */
public enum AppTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final Theme atlantaTheme;

    AppTheme(Theme atlantaTheme) {
        this.atlantaTheme = atlantaTheme;
    }

    public String userAgentStylesheet() {
        return atlantaTheme.getUserAgentStylesheet();
    }

    public boolean isDark() {
        return atlantaTheme.isDarkMode();
    }

    /** Bundle key of the theme's name. */
    public String messageKey() {
        return "theme." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public AppTheme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
