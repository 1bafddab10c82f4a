package dev.gatehouse.app.theme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.settings.SettingsStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemePreferenceTest {

    @TempDir
    Path dir;

    @Test
    void lightByDefault() {
        assertThat(new ThemePreference(new SettingsStore(dir)).theme()).isEqualTo(AppTheme.LIGHT);
    }

    @Test
    void theChoiceIsRememberedBetweenRuns() {
        new ThemePreference(new SettingsStore(dir)).toggle();
        assertThat(new ThemePreference(new SettingsStore(dir)).theme()).isEqualTo(AppTheme.DARK);
    }

    @Test
    void anUnknownStoredValueFallsBackToLight() {
        new SettingsStore(dir).put("theme", "SOLARIZED");
        assertThat(new ThemePreference(new SettingsStore(dir)).theme()).isEqualTo(AppTheme.LIGHT);
    }

    @Test
    void darkThemeIsAtlantaFxDark() {
        assertThat(AppTheme.DARK.isDark()).isTrue();
        assertThat(AppTheme.LIGHT.isDark()).isFalse();
        assertThat(AppTheme.DARK.userAgentStylesheet()).isNotEqualTo(AppTheme.LIGHT.userAgentStylesheet());
    }
}
