from laobao_convert.cli import main

main()
