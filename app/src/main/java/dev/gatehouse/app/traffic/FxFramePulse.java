package dev.gatehouse.app.traffic;

import javafx.animation.AnimationTimer;

/**
 * The JavaFX frame pulse. It runs only while traffic is watched: a running AnimationTimer keeps JavaFX rendering every
 * frame, which an idle console should not pay for.
 */
public final class FxFramePulse implements FramePulse {

    private AnimationTimer timer;

    @Override
    public void start(Runnable onFrame) {
        stop();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                onFrame.run();
            }
        };
        timer.start();
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }
}
