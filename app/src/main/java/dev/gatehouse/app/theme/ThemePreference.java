package dev.gatehouse.app.theme;

import dev.gatehouse.app.settings.SettingsStore;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The chosen theme, remembered between runs; no scene-graph code, so it is testable without the toolkit. */
public final class ThemePreference {

    static final String KEY = "theme";

    private final ObjectProperty<AppTheme> theme = new SimpleObjectProperty<>(this, "theme");

    public ThemePreference(SettingsStore settings) {
        theme.set(settings.get(KEY).map(ThemePreference::parse).orElse(AppTheme.LIGHT));
        theme.addListener((obs, old, now) -> settings.put(KEY, now.name()));
    }

    private static AppTheme parse(String value) {
        try {
            return AppTheme.valueOf(value);
        } catch (IllegalArgumentException e) {
            return AppTheme.LIGHT;
        }
    }

    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    public AppTheme theme() {
        return theme.get();
    }

    public void toggle() {
        theme.set(theme.get().other());
    }
}
