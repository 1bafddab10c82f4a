package dev.gatehouse.app.secret;

import java.nio.file.Path;
import java.util.Locale;

/** Picks the best secret store this machine offers. */
public final class SecretStores {

    private SecretStores() {}

    /** The OS keyring when its tool answers, else an owner-only file in {@code configDir}. */
    public static SecretStore detect(Path configDir) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        CommandKeyringStore keyring = null;
        if (os.contains("mac")) {
            keyring = new CommandKeyringStore(CommandKeyringStore.Tool.MACOS_SECURITY);
        } else if (os.contains("linux") && System.getenv("DBUS_SESSION_BUS_ADDRESS") != null) {
            keyring = new CommandKeyringStore(CommandKeyringStore.Tool.SECRET_TOOL);
        }
        if (keyring != null && keyring.works()) {
            return keyring;
        }
        return new FileSecretStore(configDir);
    }
}
