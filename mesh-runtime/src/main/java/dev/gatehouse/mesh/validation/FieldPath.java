package dev.gatehouse.mesh.validation;

/**
 * A field path rendered the way Kuma's {@code validators.PathBuilder} does: {@code a.b[0]["key"]}.
 */
public record FieldPath(String text) {
    public static FieldPath root() {
        return new FieldPath("");
    }

    public static FieldPath of(String name) {
        return new FieldPath(name);
    }

    public FieldPath field(String name) {
        return new FieldPath(text.isEmpty() ? name : text + "." + name);
    }

    public FieldPath index(int i) {
        return new FieldPath(text + "[" + i + "]");
    }

    /** Go's {@code %q} quoting of a map key. */
    public FieldPath key(String key) {
        return new FieldPath(text + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
    }

    /** Kuma's {@code PathBuilder.concat}: a child not starting with '[' is joined with a dot. */
    public String join(String child) {
        if (child.isEmpty()) {
            return text;
        }
        if (text.isEmpty()) {
            return child;
        }
        return child.startsWith("[") ? text + child : text + "." + child;
    }

    @Override
    public String toString() {
        return text;
    }
}
