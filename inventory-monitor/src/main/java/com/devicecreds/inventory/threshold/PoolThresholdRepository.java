package com.devicecreds.inventory.threshold;

import org.springframework.data.jpa.repository.JpaRepository;

interface PoolThresholdRepository extends JpaRepository<PoolThreshold, Integer> {
}
