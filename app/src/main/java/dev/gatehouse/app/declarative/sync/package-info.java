/**
 * A configuration file against a live runtime, for the command line and the console alike: which runtime a file is
 * for ({@link dev.gatehouse.app.declarative.sync.FileTarget}), and its plan, validation and apply
 * ({@link dev.gatehouse.app.declarative.sync.Sync}) through the gateway's or the control plane's repository.
 */
package dev.gatehouse.app.declarative.sync;
