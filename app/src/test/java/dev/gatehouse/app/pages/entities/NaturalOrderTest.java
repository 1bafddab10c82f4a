package dev.gatehouse.app.pages.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersInNamesCountByValue() {
        List<String> names = new ArrayList<>(List.of(
                "route-10",
                "route-2",
                "Route-1",
                "route-100",
                "kuma-demo-rt",
                "route-02",
                "/api/25",
                "/api/250",
                "/api/3"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names)
                .containsExactly(
                        "/api/3",
                        "/api/25",
                        "/api/250",
                        "kuma-demo-rt",
                        "Route-1",
                        "route-02",
                        "route-2",
                        "route-10",
                        "route-100");
    }
}
