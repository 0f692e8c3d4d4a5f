// placeholder replaced by the emulator work
return 0;
