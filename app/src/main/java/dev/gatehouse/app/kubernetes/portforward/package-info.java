/**
 * Port-forwards into a cluster through the API server (Fabric8's {@code LocalPortForward}): finding what to forward
 * to (the Kong Ingress Controller's Kong Admin API), opening the forward on loopback, and its lifecycle as states a
 * page can show. Plain Fabric8 and JDK code, no JavaFX.
 */
package dev.gatehouse.app.kubernetes.portforward;
