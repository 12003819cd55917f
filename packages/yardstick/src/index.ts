// yardstick's library surface.
export {};
