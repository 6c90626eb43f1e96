/** How the core's documents are stored in MongoDB, shared by every feature's documents. */
package io.opsbot.core.storage;
