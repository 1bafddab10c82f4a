package dev.gatehouse.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The console's user-visible text, from the {@code messages.properties} bundle in ui-resources. */
public final class Messages {

    /** Bundle base name; the files live in the ui-resources module. */
    public static final String BUNDLE = "dev.gatehouse.ui.i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    public Messages(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale);
        this.locale = locale;
    }

    /** The locale asked for (dates and numbers follow it even where the bundle falls back to its base). */
    public Locale locale() {
        return locale;
    }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            // Visible but not fatal; the bundle consistency test keeps this from shipping.
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
