/**
 * A cluster as the connect-to-cluster wizard finds it: kubeconfigs found, picked or pasted and merged as kubectl
 * merges them; each context probed for the exact reason it works or fails (exec credential plugins included, which
 * other consoles let fail silently); the namespaces a user may use; and what is installed (the Kong Ingress
 * Controller, Kuma or Kong Mesh). Plain Fabric8 and JDK code, no JavaFX.
 */
package dev.gatehouse.app.kubernetes.cluster;
