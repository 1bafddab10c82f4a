package dev.gatehouse.mesh.manager;

/** A resource (or the mesh of a mesh-scoped path) does not exist; rendered as 404 with Kuma's title. */
public final class NotFoundException extends RuntimeException {
    private final String title;

    public NotFoundException(String title) {
        super(title);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
