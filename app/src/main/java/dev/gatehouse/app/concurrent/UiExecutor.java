package dev.gatehouse.app.concurrent;

import java.util.concurrent.Executor;

/** Where view-models publish results: the FX thread in the app, the calling thread in tests. */
public interface UiExecutor extends Executor {

    /** The executor used by tests and headless code: runs everything immediately on the caller's thread. */
    UiExecutor DIRECT = Runnable::run;
}
