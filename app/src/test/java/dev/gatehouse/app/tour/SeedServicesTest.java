package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which mesh services play the seed's parts: the seed's names in the sandbox and on Universal; on Kubernetes, Kuma's
 * {@code <name>_<namespace>_svc_<port>} service tags (kumahq/kuma pkg/plugins/runtime/k8s/util ServiceTag) and the
 * delegated gateway data plane's service for the gateway (the Service in front of KIC's Kong proxy).
 */
class SeedServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void theSandboxsNamesAreTakenAsTheyAre() {
        assertThat(SeedServices.in(List.of("demo-app", "gateway", "redis"), List.of()))
                .isEqualTo(SeedServices.SEED);
    }

    @Test
    void onKubernetesKumasServiceTagsAndTheDelegatedGatewayAreFound() throws Exception {
        List<String> services =
                List.of("demo-app_kuma-demo_svc_5000", "kong-gateway-proxy_kong_svc_80", "redis_kuma-demo_svc_6379");
        ObjectNode gateway = json("""
                {"name":"kong-gateway-6c7d8-x2x9q.kong","mesh":"default","networking":{"address":"10.0.0.7",
                 "gateway":{"type":"DELEGATED","tags":{"kuma.io/service":"kong-gateway-proxy_kong_svc_80"}}}}""");
        ObjectNode app = json("""
                {"name":"demo-app-5c8b.kuma-demo","mesh":"default","networking":{"address":"10.0.0.8",
                 "inbound":[{"port":5000,"tags":{"kuma.io/service":"demo-app_kuma-demo_svc_5000"}}]}}""");

        SeedServices found = SeedServices.in(services, List.of(gateway, app));

        assertThat(found)
                .isEqualTo(new SeedServices(
                        "kong-gateway-proxy_kong_svc_80", "demo-app_kuma-demo_svc_5000", "redis_kuma-demo_svc_6379"));
    }

    @Test
    void twoCandidatesAreNoAnswer() {
        List<String> services = List.of("demo-app_a_svc_5000", "demo-app_b_svc_5000");
        assertThat(SeedServices.named(services, "demo-app")).isEqualTo("demo-app");
    }
}
