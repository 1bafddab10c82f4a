package dev.gatehouse.app.declarative.kuma;

/**
 * What a Kuma export holds beyond meshes and policies: secret values (else {@code <redacted>}) and data planes
 * (left out by default, as {@code kumactl export --profile no-dataplanes} leaves Dataplane and DataplaneInsight out).
 */
public record KumaExportOptions(boolean includeSecrets, boolean includeDataplanes) {

    public static final KumaExportOptions DEFAULTS = new KumaExportOptions(false, false);
}
