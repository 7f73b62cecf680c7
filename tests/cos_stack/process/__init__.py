"""The stack as a process: settings, start and stop, and the files it leaves for clients."""
