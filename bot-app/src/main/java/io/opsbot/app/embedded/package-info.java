/** The embedded database used when no MongoDB URI is configured: mongo-java-server persisting to a file. */
package io.opsbot.app.embedded;
