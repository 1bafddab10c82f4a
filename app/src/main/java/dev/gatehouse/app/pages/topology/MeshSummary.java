package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import java.util.Optional;

/**
 * What the page says about one mesh: mTLS (the lock) and its backend, who computed its permissions, how many pairs
 * pass only because nothing is enforced or an allow-all policy allows them ({@code wholesale}), whether those edges
 * are left out of the drawing because there are too many, and why the permissions could not be read.
 */
public record MeshSummary(
        String name,
        boolean mtls,
        String backend,
        Optional<PermissionMatrix.Source> source,
        int wholesale,
        boolean wholesaleHidden,
        boolean notEnforced,
        Optional<String> problem) {}
