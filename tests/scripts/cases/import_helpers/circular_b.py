from circular_a import A_VALUE
