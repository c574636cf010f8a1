"""``python -m policyscore``."""

from policyscore.cli import main

if __name__ == "__main__":
    main()
