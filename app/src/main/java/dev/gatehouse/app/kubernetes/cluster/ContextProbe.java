package dev.gatehouse.app.kubernetes.cluster;

import dev.gatehouse.app.kubernetes.cluster.ContextStatus.Outcome;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Probes a context as the wizard's second step shows it: the credential first (an exec plugin found and run, a token
 * not expired), then the API server's version, then who the user is (SelfSubjectReview, Kubernetes 1.28+; older
 * servers say nothing, and the kubeconfig's user name is shown instead). Every failure becomes one {@link Outcome}
 * and a sentence with the exact reason. Blocks for up to the timeout per request: call it off the FX thread.
 */
public final class ContextProbe {

    private final ExecPlugin plugins;
    private final Duration timeout;
    private final Clock clock;

    public ContextProbe(ExecPlugin plugins, Duration timeout, Clock clock) {
        this.plugins = plugins;
        this.timeout = timeout;
        this.clock = clock;
    }

    public ContextStatus probe(Kubeconfig kubeconfig, String context) {
        if (kubeconfig.context(context).isEmpty()) {
            return ContextStatus.failed(context, "", Outcome.INVALID, "The kubeconfig has no context " + context + ".");
        }
        Optional<Cluster> cluster = kubeconfig.clusterOf(context);
        String server = cluster.map(Cluster::getServer).orElse("");
        if (cluster.isEmpty() || server.isBlank()) {
            return ContextStatus.failed(
                    context,
                    server,
                    Outcome.INVALID,
                    "Context " + context + " names cluster "
                            + kubeconfig.context(context).orElseThrow().getCluster()
                            + ", which the kubeconfig does not define with a server.");
        }
        AuthInfo user = kubeconfig.userOf(context).orElse(new AuthInfo());
        AuthInfo credential;
        try {
            credential = credential(user);
        } catch (ExecPlugin.NotFound e) {
            return ContextStatus.failed(context, server, Outcome.EXEC_NOT_FOUND, e.getMessage());
        } catch (ExecPlugin.Failed e) {
            return ContextStatus.failed(context, server, Outcome.EXEC_FAILED, e.getMessage());
        } catch (CredentialProblem e) {
            return ContextStatus.failed(context, server, e.outcome, e.getMessage());
        }
        try (KubernetesClient client = ClusterClients.open(kubeconfig, context, timeout, u -> credential)) {
            String gitVersion = ApiServerVersion.of(client);
            Optional<String> who =
                    whoAmI(client).or(() -> kubeconfig.context(context).map(c -> c.getUser()));
            return new ContextStatus(
                    context,
                    server,
                    Outcome.REACHABLE,
                    "Reachable: Kubernetes " + gitVersion
                            + who.map(w -> ", signed in as " + w).orElse("") + ".",
                    Optional.of(gitVersion),
                    who);
        } catch (RuntimeException e) {
            return classify(context, server, user, e);
        }
    }

    /** The user's credential ready to send: an exec plugin's output instead of the plugin, a token checked for expiry. */
    private AuthInfo credential(AuthInfo user) {
        if (user.getExec() != null) {
            ExecPlugin.Credential got = plugins.run(
                    user.getExec(), Optional.ofNullable(user.getExec().getInstallHint()));
            got.expires().filter(t -> !t.isAfter(clock.instant())).ifPresent(t -> {
                throw new CredentialProblem(
                        Outcome.TOKEN_EXPIRED,
                        "The credential plugin " + user.getExec().getCommand()
                                + " returned a credential that expired at " + t + ".");
            });
            AuthInfo resolved = new AuthInfo();
            got.token().ifPresent(resolved::setToken);
            got.clientCertificateData().ifPresent(resolved::setClientCertificateData);
            got.clientKeyData().ifPresent(resolved::setClientKeyData);
            return resolved;
        }
        Optional<String> token = Optional.ofNullable(user.getToken());
        if (token.isEmpty() && user.getTokenFile() != null) {
            try {
                token = Optional.of(Files.readString(Path.of(user.getTokenFile()), StandardCharsets.UTF_8)
                        .strip());
            } catch (IOException e) {
                throw new CredentialProblem(
                        Outcome.INVALID,
                        "The token file " + user.getTokenFile() + " cannot be read: " + e.getMessage());
            }
        }
        token.flatMap(TokenExpiry::of).filter(t -> !t.isAfter(clock.instant())).ifPresent(t -> {
            throw new CredentialProblem(
                    Outcome.TOKEN_EXPIRED, "The token expired at " + t + "; sign in again to get a new one.");
        });
        return user;
    }

    private static Optional<String> whoAmI(KubernetesClient client) {
        try {
            SelfSubjectReview review =
                    client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
            if (review != null
                    && review.getStatus() != null
                    && review.getStatus().getUserInfo() != null) {
                return Optional.ofNullable(review.getStatus().getUserInfo().getUsername());
            }
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401) {
                throw e;
            }
            // 404 (before 1.28) or 403 (not allowed to review itself): the server works, who is unknown.
            return Optional.empty();
        }
    }

    private ContextStatus classify(String context, String server, AuthInfo user, RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getCode() == 401) {
            Optional<Instant> expiry = Optional.ofNullable(user.getToken()).flatMap(TokenExpiry::of);
            return ContextStatus.failed(
                    context,
                    server,
                    Outcome.UNAUTHORIZED,
                    "The API server at " + server + " refused the credentials (401 Unauthorized)"
                            + expiry.map(t -> "; the token expires at " + t).orElse("")
                            + ": the token may be expired or revoked, or the certificate not signed by its CA.");
        }
        if (e instanceof KubernetesClientException k && k.getCode() == 403) {
            return ContextStatus.failed(
                    context,
                    server,
                    Outcome.FORBIDDEN,
                    "The API server at " + server + " answered, but the user may not read it (403 Forbidden): "
                            + message(k) + ".");
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof CertificateException) {
                return ContextStatus.failed(
                        context,
                        server,
                        Outcome.CERTIFICATE,
                        "The API server at " + server + " did not pass the TLS check: " + rootMessage(cause)
                                + ". Check the cluster's certificate-authority in the kubeconfig.");
            }
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof HttpTimeoutException
                    || cause instanceof SocketTimeoutException) {
                String why = cause instanceof UnknownHostException
                        ? "unknown host " + cause.getMessage()
                        : cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                                ? "no answer within " + timeout.toSeconds() + " s"
                                : "connection refused";
                return ContextStatus.failed(
                        context,
                        server,
                        Outcome.UNREACHABLE,
                        "The API server at " + server + " cannot be reached: " + why + ".");
            }
        }
        return ContextStatus.failed(
                context, server, Outcome.FAILED, "The API server at " + server + " failed: " + rootMessage(e) + ".");
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().replaceAll("\\.$", "");
    }

    /** A credential known to be unusable before it is sent: expired, or its file unreadable. */
    private static final class CredentialProblem extends RuntimeException {
        private final Outcome outcome;

        CredentialProblem(Outcome outcome, String message) {
            super(message);
            this.outcome = outcome;
        }
    }
}
