from khotin.cli import main

main()
