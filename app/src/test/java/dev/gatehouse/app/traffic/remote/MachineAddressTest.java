package dev.gatehouse.app.traffic.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.kong.HttpLogCollector;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a collector on every interface tells remote senders. It used to be {@code InetAddress.getLocalHost()}: on this
 * kind of machine (a container whose host name resolves to 127.0.0.1) and on Debian/Ubuntu (127.0.1.1) that is a
 * loopback no other host can send to.
 */
class MachineAddressTest {

    private static MachineAddress.Candidate candidate(String name, String literal) throws Exception {
        return new MachineAddress.Candidate(name, InetAddress.getByName(literal));
    }

    @Test
    void aSiteLocalAddressWinsOverBridgesPublicAddressesAndIpv6() throws Exception {
        MachineAddress chosen = MachineAddress.choose(List.of(
                candidate("eth1", "fe80::1"),
                candidate("eth1", "2001:db8::5"),
                candidate("docker0", "172.17.0.1"),
                candidate("eth0", "192.0.2.2"),
                candidate("wlan0", "192.168.1.23")));
        assertThat(chosen.host()).isEqualTo("192.168.1.23");
        assertThat(chosen.siteLocal()).isTrue();
    }

    @Test
    void withoutASiteLocalAddressTheNextBestIsSaidToBeNoneOfThat() throws Exception {
        // a bridge's site-local address only when nothing else is site-local
        assertThat(MachineAddress.choose(List.of(candidate("eth0", "192.0.2.2"), candidate("virbr0", "10.0.0.1")))
                        .host())
                .isEqualTo("10.0.0.1");
        MachineAddress publicOnly = MachineAddress.choose(List.of(candidate("eth0", "192.0.2.2")));
        assertThat(publicOnly.host()).isEqualTo("192.0.2.2");
        assertThat(publicOnly.siteLocal()).isFalse();
        assertThat(MachineAddress.choose(List.of(candidate("eth0", "fe80::1"), candidate("eth0", "2001:db8::5")))
                        .host())
                .isEqualTo("[2001:db8:0:0:0:0:0:5]");
        MachineAddress nothing = MachineAddress.choose(List.of(candidate("eth0", "fe80::1")));
        assertThat(nothing.address().isLoopbackAddress()).isTrue();
        assertThat(nothing.siteLocal()).isFalse();
    }

    @Test
    void theUsersHostWinsAndOnlyAWildcardIsReplaced() throws Exception {
        CollectorAddress chosen = CollectorAddress.parse("console.lan:7301");
        assertThat(chosen.everyInterface()).isFalse();
        assertThat(chosen.advertisedHost(new java.net.InetSocketAddress(InetAddress.getByName("192.0.2.9"), 7301)))
                .isEqualTo("console.lan");
        assertThat(CollectorAddress.parse("[::1]:7301").advertisedHost(new java.net.InetSocketAddress("::1", 7301)))
                .isEqualTo("[::1]");
        assertThat(CollectorAddress.parse("0.0.0.0:0").everyInterface()).isTrue();
        assertThat(CollectorAddress.parse("[::]:0").everyInterface()).isTrue();
        assertThat(CollectorAddress.LOOPBACK.everyInterface()).isFalse();
    }

    /** On a real socket: a collector on 0.0.0.0 advertises this machine's address, and a post to it arrives. */
    @Test
    void aCollectorOnEveryInterfaceAdvertisesAnAddressItCanBeReachedAt() throws Exception {
        MachineAddress machine = MachineAddress.find();
        assumeThat(machine.address().isLoopbackAddress())
                .as("this machine has an interface other than the loopback")
                .isFalse();
        TrafficFeed feed = new TrafficFeed(10);
        try (HttpLogCollector collector =
                HttpLogCollector.start(CollectorAddress.parse("0.0.0.0:0"), "t", feed.sink(), 4096)) {
            URI endpoint = collector.endpoint();
            assertThat(endpoint.getHost()).isEqualTo(machine.host());
            assertThat(InetAddress.getByName(endpoint.getHost()).isLoopbackAddress())
                    .isFalse();
            HttpResponse<Void> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(endpoint)
                                    .header(HttpLogCollector.TOKEN_HEADER, "t")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"request\":{\"method\":\"GET\"},\"response\":{\"status\":204}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(collector.entries()).isEqualTo(1);
        }
    }
}
