package dev.gatehouse.app.secret;

import java.util.Optional;

/** Keeps tokens out of the profiles file: in the OS keyring when there is one, else in an owner-only file. */
public interface SecretStore {

    Optional<String> get(String key);

    void put(String key, String secret);

    void remove(String key);

    /** True when secrets go to an OS keyring rather than a file. */
    boolean isKeyring();

    /** Where secrets go, for the note the Connections page shows. */
    String location();
}
