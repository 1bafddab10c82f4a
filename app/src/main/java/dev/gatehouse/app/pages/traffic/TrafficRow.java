package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.traffic.HopLinks;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the request log: a gateway request with the mesh hops linked to it, or a mesh hop that belongs to no
 * gateway request. The hops change while the row is shown (a TCP hop is logged when its connection closes), so
 * their text is a property the table's cell follows; everything else is fixed. UI thread only.
 */
public final class TrafficRow {

    private final TrafficEvent event;
    private final List<HopLinks.Link> hops = new ArrayList<>(0);
    private final ReadOnlyStringWrapper hopsText = new ReadOnlyStringWrapper(this, "hopsText", "");
    /** A hop row whose request arrived after it: it now shows inside that request's row. */
    private boolean absorbed;
    /** What free text looks in, lower case; built on first use, again once the hops change. */
    private String searchText;

    TrafficRow(TrafficEvent event) {
        this.event = event;
    }

    public TrafficEvent event() {
        return event;
    }

    public boolean isRequest() {
        return event.origin() == Origin.GATEWAY;
    }

    /** The hops linked to this request, in the order they were linked. */
    public List<HopLinks.Link> hops() {
        return List.copyOf(hops);
    }

    /** "gateway→demo-app ✓, demo-app→redis ✓", "denied at demo-app"; a hop row's own hop. */
    public ReadOnlyStringProperty hopsTextProperty() {
        return hopsText.getReadOnlyProperty();
    }

    /** True when a linked hop was denied by the mesh. */
    public boolean meshDenied() {
        if (event.meshDenied()) {
            return true;
        }
        for (HopLinks.Link link : hops) {
            if (link.hop().meshDenied()) {
                return true;
            }
        }
        return false;
    }

    List<HopLinks.Link> mutableHops() {
        return hops;
    }

    void hopsText(String text) {
        hopsText.set(text);
        searchText = null;
    }

    String searchText() {
        return searchText;
    }

    void searchText(String text) {
        searchText = text;
    }

    boolean absorbed() {
        return absorbed;
    }

    void absorb() {
        absorbed = true;
    }
}
