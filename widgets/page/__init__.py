"""The page around the app: the connection watch, and what the kernel knows of the page it
serves."""
