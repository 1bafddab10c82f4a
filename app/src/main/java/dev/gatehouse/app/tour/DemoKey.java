package dev.gatehouse.app.tour;

/** A key-auth key the live checks send, and whose it is; never printed whole, not even by {@code toString}. */
record DemoKey(String owner, String value) {

    /** The key as the console shows it: its first three characters, the rest hidden. */
    String masked() {
        return value.length() <= 3 ? "\u2022\u2022\u2022" : value.substring(0, 3) + "\u2022".repeat(5);
    }

    @Override
    public String toString() {
        return "DemoKey[owner=" + owner + ", value=" + masked() + "]";
    }
}
